# ~/.bashrc of root on a simulated lab host (src/lab). Quiet: non-interactive SSH sessions read it.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LKROOT=/opt/LifeKeeper
[ -d /opt/LifeKeeper/bin ] && PATH=$PATH:/opt/LifeKeeper/bin
case $- in *i*) PS1='root@\h:\w# ';; esac
